package cache

import (
	"testing"
	"time"
)

func TestLRUBoundedByBytes(t *testing.T) {
	c := New(100)
	c.Put("a", "A", 40)
	c.Put("b", "B", 40)
	if _, _, ok := c.Get("a"); !ok { // a is now the most recent
		t.Fatal("a missing")
	}
	c.Put("c", "C", 40) // over 100: b, the least recently used, goes
	if _, _, ok := c.Get("b"); ok {
		t.Error("b kept past the bound")
	}
	for _, k := range []string{"a", "c"} {
		if _, _, ok := c.Get(k); !ok {
			t.Errorf("%s dropped", k)
		}
	}
	if n, used := c.Size(); n != 2 || used != 80 {
		t.Errorf("size %d entries, %d bytes; want 2, 80", n, used)
	}
	c.Put("a", "A2", 10) // replacing frees the old size
	if v, _, _ := c.Get("a"); v != "A2" {
		t.Errorf("a = %v", v)
	}
	if _, used := c.Size(); used != 50 {
		t.Errorf("%d bytes after replacing, want 50", used)
	}
	c.Put("huge", "H", 101)
	if _, _, ok := c.Get("huge"); ok {
		t.Error("a value larger than the bound was kept")
	}
	if _, _, ok := c.Get("a"); !ok {
		t.Error("a value larger than the bound pushed others out")
	}
}

func TestScopesAndPrefixes(t *testing.T) {
	c := New(0)
	anon, signed := "prod|anonymous", "prod|signed in 0000-0002-1825-0097"
	c.Put(Key(signed, "record", "0000-0002-1825-0097"), "limited", 1)
	if _, _, ok := c.Get(Key(anon, "record", "0000-0002-1825-0097")); ok {
		t.Fatal("one identity's answer served to another")
	}
	c.Put(Key(anon, "record", "0000-0002-1825-0097"), "public", 1)
	c.Put(Key(anon, "work", "0000-0002-1825-0097", "1"), "w", 1)
	c.DeletePrefix(Key(signed, ""))
	if _, _, ok := c.Get(Key(signed, "record", "0000-0002-1825-0097")); ok {
		t.Error("DeletePrefix kept the scope's entry")
	}
	if v, _, ok := c.Get(Key(anon, "record", "0000-0002-1825-0097")); !ok || v != "public" {
		t.Error("DeletePrefix dropped another scope")
	}
	var nilCache *Cache
	nilCache.Put("x", 1, 1)
	if _, _, ok := nilCache.Get("x"); ok {
		t.Error("a nil cache held something")
	}
}

func TestFetchedTimeAndAgo(t *testing.T) {
	c := New(0)
	at := time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return at }
	c.Put("k", 1, 1)
	if _, f, _ := c.Get("k"); !f.Equal(at) {
		t.Errorf("fetched %v, want %v", f, at)
	}
	for d, want := range map[time.Duration]string{
		10 * time.Second: "just now", 3 * time.Minute: "3 min ago", 2 * time.Hour: "2 h ago", 72 * time.Hour: "3 days ago",
	} {
		if got := Ago(at.Add(d), at); got != want {
			t.Errorf("Ago(%v) = %q, want %q", d, got, want)
		}
	}
}
