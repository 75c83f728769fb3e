//go:build !linux && !darwin

package proc

// System returns a table that cannot be read: on other systems only the shell's own
// process group is signalled.
func System() Table { return unsupported{} }

type unsupported struct{}

func (unsupported) PIDs() ([]int, error) { return nil, ErrUnsupported }
func (unsupported) SID(int) (int, error) { return 0, ErrUnsupported }
