package tui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/atomicfile"
)

// The search history is kept between runs in one small file, per
// environment, in the state directory; the search pane caps each list.

// maxHistoryFile bounds what is read back: a history file is a few
// kilobytes; anything much bigger is not one.
const maxHistoryFile = 1 << 20

// DefaultHistoryFile is where the search history is kept: history.json
// beside the token file, in the state directory
// ($XDG_STATE_HOME/orcid-tui, ~/.local/state/orcid-tui on Unix).
func DefaultHistoryFile() (string, error) {
	tok, err := auth.DefaultTokenFile()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(tok), "history.json"), nil
}

// historyFile is the file's content.
type historyFile struct {
	Version int                 `json:"version"`
	Queries map[string][]string `json:"queries"` // environment name -> queries, oldest first
}

type historyLoadedMsg struct {
	queries map[string][]string
	err     error
}

type historySavedMsg struct{ err error }

// historyStore reads and writes the file off the UI goroutine. Saves may
// overlap; the newest snapshot always wins.
type historyStore struct {
	path    string
	mu      sync.Mutex
	written int // the version last written
	// broken: the file could not be read back, so it is left as it is
	// rather than replaced by this run's queries alone.
	broken bool
	loaded bool
}

func (h *historyStore) load() tea.Cmd {
	path := h.path
	return func() tea.Msg {
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			return historyLoadedMsg{}
		}
		if err != nil {
			return historyLoadedMsg{err: err}
		}
		defer f.Close()
		var hf historyFile
		dec := json.NewDecoder(&limitedReader{f, maxHistoryFile})
		if err := dec.Decode(&hf); err != nil {
			return historyLoadedMsg{err: fmt.Errorf("%s is not a search history: %w", path, err)}
		}
		return historyLoadedMsg{queries: hf.Queries}
	}
}

// save writes queries (version v) unless a newer version was written.
func (h *historyStore) save(queries map[string][]string, v int) tea.Cmd {
	return func() tea.Msg {
		h.mu.Lock()
		defer h.mu.Unlock()
		if v <= h.written {
			return nil
		}
		data, err := json.MarshalIndent(historyFile{Version: 1, Queries: queries}, "", "  ")
		if err == nil {
			// Queries can name people: readable by the user only.
			err = atomicfile.Write(h.path, append(data, '\n'), 0o600)
		}
		if err == nil {
			h.written = v
		}
		return historySavedMsg{err: err}
	}
}

// limitedReader fails past n bytes instead of reading a huge file.
type limitedReader struct {
	f interface{ Read([]byte) (int, error) }
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errors.New("file too large")
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.f.Read(p)
	l.n -= int64(n)
	return n, err
}
