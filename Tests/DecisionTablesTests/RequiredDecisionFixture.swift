/// Two decisions where `dish` requires `season`, as Camunda's dish example is structured:
/// `season` maps a month to a season, and `dish` reads that season and the guest count.
enum RequiredDecisionFixture {
    static let xml = DMNFixture.definitions(
        DMNFixture.decision(
            id: "season", name: "Season",
            inputs: [.init(label: "Month", expression: "month", typeRef: "integer")],
            outputs: [.init(name: "season", typeRef: "string")],
            rules: [
                ["[3..5]", "\"spring\""],
                ["[6..8]", "\"summer\""],
                ["[9..11]", "\"autumn\""],
                ["12, [1..2]", "\"winter\""],
            ])
            + DMNFixture.decision(
                id: "dish", name: "Dish",
                tableAttributes: "hitPolicy=\"FIRST\"",
                inputs: [
                    .init(label: "Season", expression: "season", typeRef: "string"),
                    .init(label: "Guests", expression: "guests", typeRef: "integer"),
                ],
                outputs: [.init(name: "dish", typeRef: "string")],
                rules: [
                    ["\"winter\"", "<= 8", "\"roast beef\""],
                    ["\"winter\"", "> 8", "\"stew\""],
                    ["\"summer\"", "-", "\"salad\""],
                    ["-", "-", "\"pasta\""],
                ],
                extra: """
                    <informationRequirement id="requirement1">
                      <requiredDecision href="#season"/>
                    </informationRequirement>
                    """))
}
