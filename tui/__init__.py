"""tui: the Textual app of contested. It shows; `claims` decides."""
