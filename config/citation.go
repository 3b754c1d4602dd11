package config

import (
	"fmt"
	"strings"
)

// SetCitationFormat saves the format the TUI copies citations in (one of
// CitationFormats) in the config file, under the file's lock like every
// other saved setting, and uses it from now on.
func (c *Config) SetCitationFormat(format string) error {
	if !oneOf(format, CitationFormats...) {
		return fmt.Errorf("unknown citation format %q: use %s", format, strings.Join(CitationFormats, ", "))
	}
	if err := c.updateFile(func(f *File) { f.CitationFormat = format }); err != nil {
		return err
	}
	c.CitationFormat = Setting[string]{format, SourceFile, c.Path}
	return nil
}
