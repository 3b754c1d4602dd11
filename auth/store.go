package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/orcid-tui/orcid-tui/internal/atomicfile"
	"github.com/orcid-tui/orcid-tui/internal/filelock"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// Key says where a token is kept: environment, client, iD (empty for the
// application's own client token) and the server it is bound to (ServerOf;
// empty only for a token saved before tokens were bound).
type Key struct {
	Env      string
	ClientID string
	ORCID    orcid.ID
	Server   string
}

// String is the key as stored: "env|client|iD|server" ("client" in place of
// the iD for a client token; no "|server" for an unbound, older token).
func (k Key) String() string {
	id := string(k.ORCID)
	if id == "" {
		id = "client"
	}
	s := k.Env + "|" + k.ClientID + "|" + id
	if k.Server != "" {
		s += "|" + k.Server
	}
	return s
}

func parseKey(s string) (Key, bool) {
	p := strings.SplitN(s, "|", 4) // the server comes last and may hold "|"
	if len(p) < 3 {
		return Key{}, false
	}
	k := Key{Env: p[0], ClientID: p[1]}
	if p[2] != "client" {
		k.ORCID = orcid.ID(p[2])
	}
	if len(p) == 4 {
		k.Server = p[3]
	}
	return k, true
}

// errNotJSON: the token file is damaged.
var errNotJSON = errors.New("not valid JSON")

// ErrNotStored: no token under that key.
var ErrNotStored = errors.New("no stored token")

// Store keeps sessions. Implementations are safe for concurrent use.
type Store interface {
	Get(k Key) (*Session, error) // ErrNotStored when absent
	Put(s *Session) error        // under s.Key()
	Delete(k Key) error          // ErrNotStored when absent
	List() ([]Key, error)
}

// InsecureFileError: a token file that group or others may read is refused.
type InsecureFileError struct {
	Path string
	Mode fs.FileMode
}

func (e *InsecureFileError) Error() string {
	return fmt.Sprintf("token file %s has mode %04o: it must be readable by you only; fix it with `chmod 600 %s` (or delete it and sign in again)", e.Path, e.Mode.Perm(), e.Path)
}

// DefaultTokenFile is where the file store lives when no keyring is
// available: $XDG_STATE_HOME/orcid-tui/tokens.json (~/.local/state/...) on
// Unix, the user config directory elsewhere.
func DefaultTokenFile() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "orcid-tui", "tokens.json"), nil
	}
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "orcid-tui", "tokens.json"), nil
	}
	h, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, ".local", "state", "orcid-tui", "tokens.json"), nil
}

// FileStore keeps sessions in one JSON file, mode 0600 in a 0700 directory,
// replaced atomically on every write (atomicfile.Write: a symlink at the
// path is followed, as reading does). Every write holds the file's advisory
// lock (internal/filelock) from reading to renaming and changes only its own
// entry, so programs saving at once keep each other's tokens.
type FileStore struct {
	path string
	mu   sync.Mutex
}

// NewFileStore returns a store in path (created on the first Put).
func NewFileStore(path string) *FileStore { return &FileStore{path: path} }

// Path is the file's path.
func (f *FileStore) Path() string { return f.path }

type tokenFile struct {
	Version int                 `json:"version"`
	Tokens  map[string]*Session `json:"tokens"`
}

func (f *FileStore) load() (*tokenFile, error) {
	tf := &tokenFile{Version: 1, Tokens: map[string]*Session{}}
	fh, err := os.Open(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return tf, nil
	}
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0 {
		return nil, &InsecureFileError{Path: f.path, Mode: st.Mode()}
	}
	if err := json.NewDecoder(fh).Decode(tf); err != nil {
		return nil, fmt.Errorf("token file %s is %w: %w", f.path, errNotJSON, err)
	}
	if tf.Tokens == nil {
		tf.Tokens = map[string]*Session{}
	}
	return tf, nil
}

func (f *FileStore) save(tf *tokenFile) error {
	b, err := json.MarshalIndent(tf, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(f.path, b, 0o600)
}

func (f *FileStore) Get(k Key) (*Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	tf, err := f.load()
	if err != nil {
		return nil, err
	}
	s, ok := tf.Tokens[k.String()]
	if !ok || s == nil {
		return nil, ErrNotStored
	}
	return s, nil
}

func (f *FileStore) Put(s *Session) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	unlock, err := filelock.Lock(f.path)
	if err != nil {
		return err
	}
	defer unlock()
	tf, err := f.load()
	if err != nil {
		return err
	}
	tf.Tokens[s.Key().String()] = s
	return f.save(tf)
}

func (f *FileStore) Delete(k Key) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	unlock, err := filelock.Lock(f.path)
	if err != nil {
		return err
	}
	defer unlock()
	tf, err := f.load()
	if err != nil {
		return err
	}
	if _, ok := tf.Tokens[k.String()]; !ok {
		return ErrNotStored
	}
	delete(tf.Tokens, k.String())
	return f.save(tf)
}

func (f *FileStore) List() ([]Key, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	tf, err := f.load()
	if err != nil {
		return nil, err
	}
	return keysOf(tf.Tokens), nil
}

// keysOf lists the keys of a map of stored sessions, sorted.
func keysOf(m map[string]*Session) []Key {
	var keys []Key
	for s := range m {
		if k, ok := parseKey(s); ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b Key) int { return strings.Compare(a.String(), b.String()) })
	return keys
}

// KeyringService is the service name of the OS keyring entries.
const KeyringService = "orcid-tui"

const keyringIndex = "index"

// DefaultKeyringTimeout bounds every keyring call: D-Bus backends can hang.
const DefaultKeyringTimeout = 3 * time.Second

// ErrKeyringTimeout: the OS keyring did not answer in time.
var ErrKeyringTimeout = errors.New("the OS keyring did not answer in time")

// KeyringStore keeps each session as one OS keyring entry, plus an index
// entry listing the keys (keyrings cannot list).
type KeyringStore struct {
	Service string
	Timeout time.Duration
	// LockFile names the file whose advisory lock (internal/filelock)
	// guards the index's read-modify-write against other programs; empty
	// guards it within this store only.
	LockFile  string
	mu        sync.Mutex
	refreshMu sync.Mutex // see lockRefresh
	// kr is the keyring itself; nil is the OS keyring (go-keyring). Tests
	// put a concurrency-safe stand-in here: go-keyring's mock is not one.
	kr keyringBackend
}

// keyringBackend is what KeyringStore needs of a keyring.
type keyringBackend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

type osKeyring struct{}

func (osKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (osKeyring) Set(service, user, pw string) error       { return keyring.Set(service, user, pw) }
func (osKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }

func (k *KeyringStore) backend() keyringBackend {
	if k.kr == nil {
		return osKeyring{}
	}
	return k.kr
}

// NewKeyringStore returns a store in the OS keyring under KeyringService,
// its index guarded by a lock beside DefaultTokenFile.
func NewKeyringStore() *KeyringStore {
	ks := &KeyringStore{Service: KeyringService, Timeout: DefaultKeyringTimeout}
	if f, err := DefaultTokenFile(); err == nil {
		ks.LockFile = filepath.Join(filepath.Dir(f), "keyring-index")
	}
	return ks
}

// lockIndex takes the index lock of other programs (a no-op without a
// LockFile).
func (k *KeyringStore) lockIndex() (func(), error) {
	if k.LockFile == "" {
		return func() {}, nil
	}
	return filelock.Lock(k.LockFile)
}

// call runs fn in a goroutine and gives up after the timeout.
func (k *KeyringStore) call(fn func() (string, error)) (string, error) {
	type res struct {
		v   string
		err error
	}
	ch := make(chan res, 1)
	go func() {
		v, err := fn()
		ch <- res{v, err}
	}()
	t := time.NewTimer(k.Timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		if errors.Is(r.err, keyring.ErrNotFound) {
			return "", ErrNotStored
		}
		return r.v, r.err
	case <-t.C:
		return "", ErrKeyringTimeout
	}
}

func (k *KeyringStore) index() ([]string, error) {
	v, err := k.call(func() (string, error) { return k.backend().Get(k.Service, keyringIndex) })
	if errors.Is(err, ErrNotStored) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var idx []string
	if err := json.Unmarshal([]byte(v), &idx); err != nil {
		return nil, nil // a damaged index is rebuilt by the next Put
	}
	return idx, nil
}

func (k *KeyringStore) setIndex(idx []string) error {
	b, _ := json.Marshal(idx)
	_, err := k.call(func() (string, error) { return "", k.backend().Set(k.Service, keyringIndex, string(b)) })
	return err
}

func (k *KeyringStore) Get(key Key) (*Session, error) {
	v, err := k.call(func() (string, error) { return k.backend().Get(k.Service, key.String()) })
	if err != nil {
		return nil, err
	}
	var s Session
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return nil, fmt.Errorf("keyring entry %s: %w", key, err)
	}
	return &s, nil
}

func (k *KeyringStore) Put(s *Session) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	key := s.Key().String()
	if _, err := k.call(func() (string, error) { return "", k.backend().Set(k.Service, key, string(b)) }); err != nil {
		return err
	}
	unlock, err := k.lockIndex()
	if err != nil {
		return err
	}
	defer unlock()
	idx, err := k.index()
	if err != nil {
		return err
	}
	if !slices.Contains(idx, key) {
		return k.setIndex(append(idx, key))
	}
	return nil
}

func (k *KeyringStore) Delete(key Key) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	_, err := k.call(func() (string, error) { return "", k.backend().Delete(k.Service, key.String()) })
	if err != nil {
		return err
	}
	unlock, err := k.lockIndex()
	if err != nil {
		return err
	}
	defer unlock()
	idx, err := k.index()
	if err != nil {
		return err
	}
	return k.setIndex(slices.DeleteFunc(idx, func(s string) bool { return s == key.String() }))
}

func (k *KeyringStore) List() ([]Key, error) {
	idx, err := k.index()
	if err != nil {
		return nil, err
	}
	var keys []Key
	for _, s := range idx {
		if key, ok := parseKey(s); ok {
			keys = append(keys, key)
		}
	}
	return keys, nil
}

// Probe checks that the keyring answers (an absent entry counts as an answer).
func (k *KeyringStore) Probe() error {
	_, err := k.call(func() (string, error) { return k.backend().Get(k.Service, keyringIndex) })
	if errors.Is(err, ErrNotStored) {
		return nil
	}
	return err
}

// StoreOptions choose where tokens are kept.
type StoreOptions struct {
	// File is the fallback token file; empty means DefaultTokenFile().
	File string
	// NoKeyring skips the OS keyring (the --insecure-storage choice).
	NoKeyring bool
	// KeyringTimeout bounds each keyring call; 0 means DefaultKeyringTimeout.
	KeyringTimeout time.Duration
}

// OpenStore returns the OS keyring when it answers, otherwise the token
// file. notice is a sentence to show the user when the file is used.
func OpenStore(opts StoreOptions) (st Store, notice string, err error) {
	file := opts.File
	if file == "" {
		if file, err = DefaultTokenFile(); err != nil {
			return nil, "", err
		}
	}
	if !opts.NoKeyring {
		ks := NewKeyringStore()
		if opts.KeyringTimeout > 0 {
			ks.Timeout = opts.KeyringTimeout
		}
		perr := ks.Probe()
		if perr == nil {
			return ks, "", nil
		}
		notice = fmt.Sprintf("OS keyring unavailable (%v): ", perr)
	}
	// The notice says what the file store really does: a file it refuses
	// (others may read it, it is damaged) keeps nothing.
	fs := NewFileStore(file)
	return fs, notice + StatusOf(fs).Notice(), nil
}

// MemoryStore keeps sessions in memory (tests, --demo).
type MemoryStore struct {
	mu        sync.Mutex
	m         map[string]*Session
	refreshMu sync.Mutex // see lockRefresh
}

func NewMemoryStore() *MemoryStore { return &MemoryStore{m: map[string]*Session{}} }

func (m *MemoryStore) Get(k Key) (*Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.m[k.String()]
	if !ok {
		return nil, ErrNotStored
	}
	c := *s
	return &c, nil
}

func (m *MemoryStore) Put(s *Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := *s
	m.m[s.Key().String()] = &c
	return nil
}

func (m *MemoryStore) Delete(k Key) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.m[k.String()]; !ok {
		return ErrNotStored
	}
	delete(m.m, k.String())
	return nil
}

func (m *MemoryStore) List() ([]Key, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return keysOf(m.m), nil
}
