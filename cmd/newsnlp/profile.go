package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles starts a CPU profile into cpuFile and creates memFile (each
// when set), so that a path that cannot be written fails before any work.
// It returns heap, which writes the heap profile (call it where memory
// peaks: after the last article, before the last row groups are flushed),
// and stop, which ends the CPU profile. Errors writing a profile at the end
// are reported on stderr: a run's data is never failed for its profile.
func startProfiles(cpuFile, memFile string) (heap, stop func(), err error) {
	var cpu, mem *os.File
	if memFile != "" {
		if mem, err = os.Create(memFile); err != nil {
			return nil, nil, fmt.Errorf("annotate: --memprofile: %w", err)
		}
	}
	if cpuFile != "" {
		if cpu, err = os.Create(cpuFile); err != nil {
			closeIf(mem)
			return nil, nil, fmt.Errorf("annotate: --cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			closeIf(mem)
			cpu.Close()
			return nil, nil, fmt.Errorf("annotate: --cpuprofile: %w", err)
		}
	}
	heap = func() {
		if mem == nil {
			return
		}
		runtime.GC() // up-to-date statistics
		err := pprof.WriteHeapProfile(mem)
		if cerr := mem.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "newsnlp: --memprofile %s: %v\n", memFile, err)
		}
		mem = nil
	}
	stop = func() {
		closeIf(mem) // the run ended before heap was called
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				fmt.Fprintf(os.Stderr, "newsnlp: --cpuprofile %s: %v\n", cpuFile, err)
			}
		}
	}
	return heap, stop, nil
}

func closeIf(f *os.File) {
	if f != nil {
		f.Close()
	}
}
