// Package common holds what every pane of the terminal UI shares: the Pane
// interface, the styles built from a light or dark theme, the key map, the
// messages panes send to the root model, and plain-words error descriptions.
//
// It depends on package orcid (and auth for error types) but on no pane, so
// tui/search, tui/envpane and tui/record can all import it.
package common
