package progress

import (
	"encoding/json"
	"sync"
)

// Observer is told of each change a store wrote: its path and the document before and
// after the change. It runs after the write, outside the store's lock, and must not
// modify the documents. The workshop client uses it to queue progress events.
type Observer func(path string, before, after *Document)

var (
	observersMu sync.RWMutex
	observers   = map[int]Observer{}
	nextID      int
)

// Observe adds an observer of every store of the process and returns its removal.
func Observe(fn Observer) (remove func()) {
	observersMu.Lock()
	defer observersMu.Unlock()
	id := nextID
	nextID++
	observers[id] = fn
	return func() {
		observersMu.Lock()
		defer observersMu.Unlock()
		delete(observers, id)
	}
}

func observed() []Observer {
	observersMu.RLock()
	defer observersMu.RUnlock()
	out := make([]Observer, 0, len(observers))
	for _, o := range observers {
		out = append(out, o)
	}
	return out
}

// clone deep-copies a document (through its JSON form, the one it is stored in).
func clone(d *Document) *Document {
	data, err := json.Marshal(d)
	if err != nil {
		return &Document{Schema: Schema}
	}
	var c Document
	if json.Unmarshal(data, &c) != nil {
		return &Document{Schema: Schema}
	}
	return &c
}
