#!/usr/bin/env bash
# Captures the inbox at 80x24 in tmux and renders PNG screenshots into this folder.
#   inbox-tasks.png    the panes with three waiting Buy tasks (default theme)
#   complete-form.png  the complete form of Buy with both yes/no fields set
#   inbox-light.png    Clean and Repair waiting after Buy was completed (light theme)
#   instance-events.png an instance that waits for a message and a timer
#   message-form.png   the message form that sends it the message
#
# Needs tmux, python3, rsvg-convert (Debian package librsvg2-bin) and, for the CJK
# names, a CJK font such as fonts-wqy-microhei. BPMN_INBOX_BIN overrides the binary
# (default: .build/debug/bpmn-inbox).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
bin=${BPMN_INBOX_BIN:-$repo/.build/debug/bpmn-inbox}
corpus=$repo/../shared/corpus/bpmn-web/test-processes
work=$(mktemp -d)
socket=bpmn-inbox-shots-$$
db=$work/inbox.sqlite

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

# Renders the pane as screenshots/$1.png; $2 is --light for a light background.
shot() {
    tmux -L "$socket" capture-pane -e -N -p -t shot > "$work/$1.ans"
    python3 "$here/ansi2svg.py" ${2:-} < "$work/$1.ans" > "$work/$1.svg"
    rsvg-convert -o "$here/$1.png" "$work/$1.svg"
    echo "wrote $here/$1.png"
}

# Opens the inbox with the theme file named $1 in a new tmux server (a fresh socket, as
# a server that is still shutting down rejects new sessions). $2, when given, is added to
# the socket name, so a theme can be opened twice.
open_inbox() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    socket=bpmn-inbox-shots-$$-$1${2:-}
    tmux -L "$socket" -f /dev/null new-session -d -s shot -x 80 -y 24 \
        "env TERM=xterm-256color LANG=C.UTF-8 '$bin' --db '$db' --user ana --theme '$repo/themes/$1.theme'; sleep 5"
}

"$bin" --db "$db" model import "$corpus/Buy Used Car.bpmn" > /dev/null
"$bin" --db "$db" model import --name "中古車の購入" "$corpus/Buy Used Car.bpmn" > /dev/null
"$bin" --db "$db" model import "$repo/examples/"*.bpmn > /dev/null
"$bin" --db "$db" --user ana start "Buy Used Car" --data '{"caseId": 1001, "customer": "Zoë Müller"}' > /dev/null
"$bin" --db "$db" --user ken start "中古車の購入" --data '{"caseId": 1002, "customer": "山田 太郎"}' > /dev/null
"$bin" --db "$db" --user ana start "Buy Used Car" --data '{"caseId": 1003, "customer": "Ana Souza"}' > /dev/null

open_inbox default
wait_for " Tasks (3)"
shot inbox-tasks

tmux -L "$socket" send-keys -t shot Enter
wait_for "Repairs Required?"
tmux -L "$socket" send-keys -t shot Space Tab Space
wait_for '[x] sends "Yes"'
shot complete-form

open_inbox light
wait_for " Tasks (3)"
tmux -L "$socket" send-keys -t shot Enter
wait_for "Repairs Required?"
tmux -L "$socket" send-keys -t shot Space Tab Space C-s
wait_for "Completed Buy"
shot inbox-light --light

# The event shots come last, so the shots above show the example models only.
"$bin" --db "$db" model import "$here/models/Order payment.bpmn" > /dev/null
"$bin" --db "$db" --user ana start "Order payment" --data '{"orderId": "A-1"}' > /dev/null

open_inbox default -events
wait_for " Tasks (4)"
tmux -L "$socket" send-keys -t shot BTab Enter
wait_for "message 'payment'"
shot instance-events

tmux -L "$socket" send-keys -t shot m
wait_for "< payment (1 waiting) >"
shot message-form
