package auth

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/orcid-tui/orcid-tui/internal/reexec"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// putMany saves n sessions under distinct iDs tagged with who, each through
// its own FileStore on path (as separate programs would).
func putMany(path, who string, n int) error {
	for i := range n {
		s := sampleSession(orcid.ID(fmt.Sprintf("%s-%04d", who, i)))
		if err := NewFileStore(path).Put(s); err != nil {
			return err
		}
	}
	return nil
}

// TestFileStoreHelperProcess is the other program of
// TestFileStoreTwoProcessesLoseNothing; it does nothing in a normal run.
func TestFileStoreHelperProcess(t *testing.T) {
	path, who := os.Getenv("AUTH_TEST_TOKEN_FILE"), os.Getenv("AUTH_TEST_WHO")
	if path == "" {
		return
	}
	n, _ := strconv.Atoi(os.Getenv("AUTH_TEST_N"))
	if err := putMany(path, who, n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
}

// TestFileStoreConcurrentPutsLoseNothing: goroutines saving at once, each
// with its own FileStore on one file (as two TUIs would), lose no token.
func TestFileStoreConcurrentPutsLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "tokens.json")
	const writers, n = 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() { errs <- putMany(path, "g"+strconv.Itoa(w), n) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if keys, err := NewFileStore(path).List(); err != nil || len(keys) != writers*n {
		t.Fatalf("%d of %d tokens kept (%v)", len(keys), writers*n, err)
	}
}

// TestFileStoreTwoProcessesLoseNothing: programs (this test binary run
// again) saving into one token file at once lose nothing.
func TestFileStoreTwoProcessesLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "tokens.json")
	const procs, n = 3, 30
	reexec.Run(t, "TestFileStoreHelperProcess", procs, func(p int) []string {
		return []string{"AUTH_TEST_TOKEN_FILE=" + path, "AUTH_TEST_WHO=p" + strconv.Itoa(p), "AUTH_TEST_N=" + strconv.Itoa(n)}
	})
	if keys, err := NewFileStore(path).List(); err != nil || len(keys) != procs*n {
		t.Fatalf("%d of %d tokens kept (%v)", len(keys), procs*n, err)
	}
}

// TestKeyringStoreConcurrentPutsKeepTheIndex: keyrings cannot list, so the
// store keeps an index entry; stores saving at once (two programs) keep
// every key in it.
func TestKeyringStoreConcurrentPutsKeepTheIndex(t *testing.T) {
	kr := &safeKeyring{m: map[string]string{}}
	lock := filepath.Join(t.TempDir(), "keyring-index")
	const writers, n = 8, 10
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			ks := NewKeyringStore()
			ks.kr, ks.LockFile = kr, lock
			for i := range n {
				if err := ks.Put(sampleSession(orcid.ID(fmt.Sprintf("k%d-%04d", w, i)))); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	ks := NewKeyringStore()
	ks.kr = kr
	if keys, err := ks.List(); err != nil || len(keys) != writers*n {
		t.Fatalf("index lists %d of %d keys (%v)", len(keys), writers*n, err)
	}
}

// safeKeyring is a keyring in memory that, unlike go-keyring's mock, may be
// called from several goroutines.
type safeKeyring struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *safeKeyring) Get(service, user string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[service+"\x00"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (s *safeKeyring) Set(service, user, pw string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[service+"\x00"+user] = pw
	return nil
}

func (s *safeKeyring) Delete(service, user string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[service+"\x00"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(s.m, service+"\x00"+user)
	return nil
}
