"""Hidden checks called from the hidden test cells of each assignment: instructor-only."""
