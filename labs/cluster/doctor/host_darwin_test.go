package doctor

import "testing"

// TestHostOnMacOS reads the Mac's own kernel settings: no cgroups, no host memory reading
// (the VM's comes from the engine), sysctl(3) for real names, none for Linux's inotify.
func TestHostOnMacOS(t *testing.T) {
	h := Host{}
	if h.HostOS() != "darwin" {
		t.Fatalf("HostOS = %q", h.HostOS())
	}
	if v := h.HostCgroupVersion(); v != "" {
		t.Errorf("HostCgroupVersion = %q, want none on macOS", v)
	}
	if _, err := h.MemAvailable(); err == nil {
		t.Error("MemAvailable read a host value: the VM's memory is what counts")
	}
	if n, err := h.Sysctl("hw.memsize"); err != nil || n < GiB {
		t.Errorf("Sysctl(hw.memsize) = %d, %v", n, err)
	}
	if n, err := h.Sysctl("kern.maxfiles"); err != nil || n <= 0 {
		t.Errorf("Sysctl(kern.maxfiles) = %d, %v", n, err)
	}
	if _, err := h.Sysctl("fs.inotify.max_user_watches"); err == nil {
		t.Error("Sysctl read a Linux inotify limit on macOS")
	}
	if n, err := h.DiskFree("/"); err != nil || n <= 0 {
		t.Errorf("DiskFree(/) = %d, %v", n, err)
	}
}
