package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles starts a CPU profile into cpuFile (when set). It returns
// heap, which writes a heap profile into memFile (when set; call it where
// memory peaks: after the last article, before the last row groups are
// flushed), and stop, which ends the CPU profile. Errors writing a profile
// are reported on stderr: a run's data is never failed for its profile.
func startProfiles(cpuFile, memFile string) (heap, stop func(), err error) {
	var cpu *os.File
	if cpuFile != "" {
		if cpu, err = os.Create(cpuFile); err != nil {
			return nil, nil, fmt.Errorf("annotate: --cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, nil, fmt.Errorf("annotate: --cpuprofile: %w", err)
		}
	}
	heap = func() {
		if memFile != "" {
			if err := writeHeapProfile(memFile); err != nil {
				fmt.Fprintf(os.Stderr, "newsnlp: --memprofile %s: %v\n", memFile, err)
			}
		}
	}
	stop = func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				fmt.Fprintf(os.Stderr, "newsnlp: --cpuprofile %s: %v\n", cpuFile, err)
			}
		}
	}
	return heap, stop, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // up-to-date statistics
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
