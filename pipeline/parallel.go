package pipeline

import (
	"runtime"
	"sync"
)

// Parallel runs fn(0) … fn(n-1) on at most GOMAXPROCS goroutines and
// returns the error of the lowest k that failed. It is for work that is
// not a stream of articles, such as training's cross-fitting folds: each
// fn must write only what is its own.
func Parallel(n int, fn func(k int) error) error {
	errs := make([]error, n)
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[k] = fn(k)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
