import BPMNModel
import ProcessDiagram

/// The zoom a diagram view opens at: the most text that the view can show without hiding
/// the names.
enum DiagramZoomChoice {
    /// Returns the zoom to open at, given the drawing's size at each zoom and the view's size
    /// in cells. Names win over a whole drawing, so the order of preference is:
    /// 1. the most detailed zoom with names whose drawing fits the view;
    /// 2. the most detailed zoom with names whose drawing fits the width (scrolling
    ///    vertically), then one that fits the height (scrolling horizontally);
    /// 3. the narrowest zoom with names when it is at most `maximumOverflow` times the view's
    ///    width, scrolling both ways;
    /// 4. `symbols` when its drawing fits the view;
    /// 5. else the narrowest zoom with names.
    static func choose(
        sizes: [DiagramZoom: (width: Int, height: Int)], view: (width: Int, height: Int)
    ) -> DiagramZoom {
        let named = DiagramZoom.allCases.filter { $0 != .symbols }.compactMap { zoom in
            sizes[zoom].map { (zoom: zoom, size: $0) }
        }

        if let whole = named.first(where: { $0.size.width <= view.width && $0.size.height <= view.height }) {
            return whole.zoom
        }
        if let byWidth = named.first(where: { $0.size.width <= view.width }) {
            return byWidth.zoom
        }
        if let byHeight = named.first(where: { $0.size.height <= view.height }) {
            return byHeight.zoom
        }

        let narrowest = named.min { $0.size.width < $1.size.width }
        if let narrowest, Double(narrowest.size.width) <= maximumOverflow * Double(view.width) {
            return narrowest.zoom
        }
        if let symbols = sizes[.symbols], symbols.width <= view.width, symbols.height <= view.height {
            return .symbols
        }
        return narrowest?.zoom ?? .symbols
    }

    /// How many view widths a drawing with names may span before a whole drawing of symbols
    /// is shown instead. NOTE: a judgment call, chosen so that 80 columns open the example
    /// models with names.
    static let maximumOverflow = 1.5

    /// Lays the viewport's diagram out at each zoom, switches it to the chosen zoom and
    /// scrolls it to the top-left corner.
    static func apply(to viewport: inout DiagramViewport) {
        var sizes: [DiagramZoom: (width: Int, height: Int)] = [:]
        for zoom in DiagramZoom.allCases {
            var options = viewport.options
            options.zoom = zoom
            let layout = zoom == viewport.options.zoom ? viewport.layout : DiagramLayout(definitions: viewport.definitions, options: options)
            sizes[zoom] = (layout.width, layout.height)
        }

        viewport.setZoom(choose(sizes: sizes, view: viewport.size))
        viewport.scroll(dx: -viewport.origin.x, dy: -viewport.origin.y)
    }
}
