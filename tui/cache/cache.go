// Package cache keeps decoded ORCID answers in memory so that coming back
// to what was already read (record A, then B, then A again) costs no
// request. It is bounded by bytes, least recently used out first.
//
// Every key starts with a scope, the environment and identity the answer
// was read as (common.Session.CacheScope): an answer read by a signed-in
// user, who may see limited items, is never served to anyone else.
package cache

import (
	"container/list"
	"strings"
	"sync"
	"time"
)

// DefaultBytes is the bound when none is given.
const DefaultBytes = 64 << 20

// Cache is an LRU of values with a size each. It is safe for concurrent use
// (the panes use it from Update; a command may too).
type Cache struct {
	mu    sync.Mutex
	max   int64
	used  int64
	order *list.List // front: most recently used
	items map[string]*list.Element
	now   func() time.Time
}

type entry struct {
	key     string
	val     any
	size    int64
	fetched time.Time
}

// New returns a cache holding at most maxBytes (DefaultBytes when <= 0).
func New(maxBytes int64) *Cache {
	if maxBytes <= 0 {
		maxBytes = DefaultBytes
	}
	return &Cache{max: maxBytes, order: list.New(), items: map[string]*list.Element{}, now: time.Now}
}

// Key joins a scope and the parts naming an answer.
func Key(scope string, parts ...string) string {
	return scope + "\x00" + strings.Join(parts, "\x00")
}

// Get returns the value under key and when it was fetched, and marks it
// recently used. A nil cache holds nothing.
func (c *Cache) Get(key string) (val any, fetched time.Time, ok bool) {
	if c == nil {
		return nil, time.Time{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, time.Time{}, false
	}
	c.order.MoveToFront(el)
	e := el.Value.(*entry)
	return e.val, e.fetched, true
}

// Put stores val, size bytes, fetched now, replacing what key held, and
// drops the least recently used entries until the cache fits its bound. A
// value larger than the whole bound is not kept.
func (c *Cache) Put(key string, val any, size int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remove(key)
	if size > c.max {
		return
	}
	c.items[key] = c.order.PushFront(&entry{key: key, val: val, size: size, fetched: c.now()})
	c.used += size
	for c.used > c.max {
		c.remove(c.order.Back().Value.(*entry).key)
	}
}

// Delete drops key.
func (c *Cache) Delete(key string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remove(key)
}

// DeletePrefix drops every key starting with prefix: a record's bodies
// on reload (R), a scope on sign-out.
func (c *Cache) DeletePrefix(prefix string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.items {
		if strings.HasPrefix(k, prefix) {
			c.remove(k)
		}
	}
}

// Size is how many entries and bytes the cache holds.
func (c *Cache) Size() (entries int, bytes int64) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.used
}

func (c *Cache) remove(key string) {
	el, ok := c.items[key]
	if !ok {
		return
	}
	c.order.Remove(el)
	delete(c.items, key)
	c.used -= el.Value.(*entry).size
}

// Ago says how long ago t was, in the words of a status line: "just now",
// "3 min ago", "2 h ago", "5 days ago".
func Ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return itoa(int(d/time.Minute)) + " min ago"
	case d < 48*time.Hour:
		return itoa(int(d/time.Hour)) + " h ago"
	}
	return itoa(int(d/(24*time.Hour))) + " days ago"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// Keys lists the keys held, most recently used first.
func (c *Cache) Keys() []string {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.items))
	for el := c.order.Front(); el != nil; el = el.Next() {
		out = append(out, el.Value.(*entry).key)
	}
	return out
}
