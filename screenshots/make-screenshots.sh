#!/usr/bin/env bash
# Drives the real inbox in tmux on a demo database and renders the screens as PNG (and SVG)
# into this folder. `make screenshots` runs it after building.
#   inbox-tasks      the panes: task view tabs, a marked task, CJK and accented names
#   task-form        the task form with its fields and the multi-line JSON editor
#   instance-detail  an instance's overview in the detail pane
#   instance-waiting the Waiting tab: a timer and a message subscription
#   help             the key overlay, generated from the key map
#   inbox-dark       the panes in the dark theme
#   inbox-light      the panes in the light theme
#   diagram          the diagram of a running instance (key d on its task)
#
# Needs tmux, python3, rsvg-convert (Debian package librsvg2-bin) and, for the CJK
# names, a CJK font such as fonts-wqy-microhei. BPMN_INBOX_BIN overrides the binary
# (default: .build/debug/bpmn-inbox).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
bin=${BPMN_INBOX_BIN:-$repo/.build/debug/bpmn-inbox}
work=$(mktemp -d)
socket=bpmn-inbox-shots-$$
db=$work/inbox.sqlite

for tool in tmux python3 rsvg-convert; do
    command -v "$tool" > /dev/null || { echo "error: $tool is not installed; see the top of $0" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "error: $bin not found; run 'swift build' or set BPMN_INBOX_BIN" >&2; exit 1; }

cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Waits up to 10 s until the pane shows the text given as $1.
wait_for() {
    for _ in $(seq 100); do
        if tmux -L "$socket" capture-pane -p -t shot | grep -qF -- "$1"; then return 0; fi
        sleep 0.1
    done
    echo "'$1' did not appear; the screen was:" >&2
    tmux -L "$socket" capture-pane -p -t shot >&2
    exit 1
}

# Renders the pane as screenshots/$1.png and .svg; $2 is --light for a light background.
shot() {
    sleep 0.3
    tmux -L "$socket" capture-pane -e -N -p -t shot > "$work/$1.ans"
    python3 "$here/ansi2svg.py" ${2:-} < "$work/$1.ans" > "$here/$1.svg"
    rsvg-convert -o "$here/$1.png" "$here/$1.svg"
    echo "wrote $here/$1.png"
}

# Opens the inbox as ana with the theme $1 at 100x30 in a new tmux server (a fresh socket,
# as a server that is still shutting down rejects new sessions).
open_inbox() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    socket=bpmn-inbox-shots-$$-$1
    tmux -L "$socket" -f /dev/null new-session -d -s shot -x 100 -y 30 \
        "env TERM=xterm-256color LANG=C.UTF-8 TZ=UTC '$bin' --db '$db' --user ana --no-mouse --theme '$1'; sleep 5"
}

"$bin" --db "$db" --user ana demo --models "$repo/examples" --no-inbox > /dev/null
"$bin" --db "$db" model import "$here/models/Order payment.bpmn" > /dev/null
"$bin" --db "$db" --user ana start "Order payment" --data '{"orderId": "A-1", "customer": "Zoë Müller"}' > /dev/null
"$bin" --db "$db" model import --name "注文の支払い" "$here/models/Order payment.bpmn" > /dev/null
"$bin" --db "$db" --user ken start "注文の支払い" --data '{"orderId": "B-7", "customer": "山田 太郎 🚚"}' > /dev/null

open_inbox default
wait_for " Tasks ("
tmux -L "$socket" send-keys -t shot Space k
shot inbox-tasks

tmux -L "$socket" send-keys -t shot Enter
wait_for "┌─ Complete"
tmux -L "$socket" send-keys -t shot Tab
shot task-form
tmux -L "$socket" send-keys -t shot Escape

tmux -L "$socket" send-keys -t shot ":"
tmux -L "$socket" send-keys -t shot -l "view all"
tmux -L "$socket" send-keys -t shot Enter BTab g
wait_for "Instance"
shot instance-detail

tmux -L "$socket" send-keys -t shot "5"
wait_for "Instance · Waiting"
shot instance-waiting

tmux -L "$socket" send-keys -t shot "?"
wait_for "Keys (j/k scroll)"
shot help

open_inbox dark
wait_for " Tasks ("
shot inbox-dark

open_inbox light
wait_for " Tasks ("
shot inbox-light --light

"$bin" --db "$db" --user ana invoke '{"data.employee": "Zoë Müller", "items.elementId": "task_submit"}' \
    --data '{"amount": 1800, "description": "Espresso machine"}' > /dev/null
open_inbox default
wait_for " Tasks ("
tmux -L "$socket" send-keys -t shot BTab "/"
tmux -L "$socket" send-keys -t shot -l "Expense approval"
tmux -L "$socket" send-keys -t shot Enter G d
wait_for "● waiting"
shot diagram
