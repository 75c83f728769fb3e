package progress

import (
	"encoding/json"
	"fmt"
)

// migrations[v] turns a document of schema v into schema v+1, on its raw JSON fields.
// Schema 0 is a file written before the schema field existed: reading positions were a
// flat map "positions": {chapter: {section, offset}}.
var migrations = map[int]func(raw map[string]json.RawMessage) error{
	0: migrate0to1,
}

func migrate0to1(raw map[string]json.RawMessage) error {
	old, ok := raw["positions"]
	if !ok {
		return nil
	}
	var positions map[string]Position
	if err := json.Unmarshal(old, &positions); err != nil {
		return fmt.Errorf("schema 0 positions: %w", err)
	}
	chapters := map[string]*Chapter{}
	if cur, ok := raw["chapters"]; ok {
		if err := json.Unmarshal(cur, &chapters); err != nil {
			return fmt.Errorf("schema 0 chapters: %w", err)
		}
	}
	for id, p := range positions {
		p := p
		c := chapters[id]
		if c == nil {
			c = &Chapter{}
			chapters[id] = c
		}
		if c.Position == nil {
			c.Position = &p
		}
	}
	b, err := json.Marshal(chapters)
	if err != nil {
		return err
	}
	raw["chapters"] = b
	delete(raw, "positions")
	return nil
}

// ErrNewerSchema reports a file written by a newer kubetutor. It is left untouched.
type ErrNewerSchema struct{ Found int }

func (e *ErrNewerSchema) Error() string {
	return fmt.Sprintf("progress file has schema %d, this kubetutor knows up to %d", e.Found, Schema)
}

// decode parses data, migrating older schemas. It returns a syntax error for a corrupt
// file and *ErrNewerSchema for a file from the future.
func decode(data []byte) (*Document, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, fmt.Errorf("progress file is not a JSON object")
	}
	version := 0
	if v, ok := raw["schema"]; ok {
		if err := json.Unmarshal(v, &version); err != nil {
			return nil, fmt.Errorf("schema field: %w", err)
		}
	}
	if version > Schema {
		return nil, &ErrNewerSchema{Found: version}
	}
	if version < 0 {
		return nil, fmt.Errorf("schema field: %d", version)
	}
	for v := version; v < Schema; v++ {
		if err := migrations[v](raw); err != nil {
			return nil, err
		}
	}
	raw["schema"] = json.RawMessage(fmt.Sprint(Schema))
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	doc := &Document{}
	if err := json.Unmarshal(b, doc); err != nil {
		return nil, err
	}
	return doc, nil
}
