package lab

// SetAside draws aside (w×h cells) where the instructions go, the shell staying where it
// is; nil shows the instructions again. The root shows the architecture map there.
func (m *Model) SetAside(aside func(w, h int) string) { m.aside = aside }
