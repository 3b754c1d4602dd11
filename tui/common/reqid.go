package common

import "sync/atomic"

var lastRequestID atomic.Uint64

// NextRequestID returns a process-wide unique, increasing request id. A pane
// stores the id of the request it is waiting for and drops any answer
// carrying another id (a stale answer to a superseded request).
func NextRequestID() uint64 { return lastRequestID.Add(1) }
