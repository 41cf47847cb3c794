package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/output"
)

func newMergeManifestCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "merge-manifest OUT",
		Short: "After a sharded run: check every shard finished and write the run's manifest.json",
		Long: `After 'newsnlp annotate --shard K/N' (or --shards N) has run once for
every K into the same OUT, check that every shard finished, that they read
the same input with the same settings, and that their records add up to
the input's, and write OUT/manifest.json for the whole run. A missing,
unfinished or failed shard is named by number, and the exit status is 1.

The last shard to finish does this itself; run merge-manifest when that
shard was killed after writing its part files, or to check a run.`,
		Example: `  newsnlp annotate corpus/ -o out --shard 0/3 &
  newsnlp annotate corpus/ -o out --shard 1/3 &
  newsnlp annotate corpus/ -o out --shard 2/3 &
  wait
  newsnlp merge-manifest out`,
		Args: needArgs(false, "OUT (the folder the shards wrote to)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := output.MergeManifests(args[0])
			if errors.Is(err, output.ErrShardsIncomplete) {
				fmt.Fprintf(stdout, "newsnlp: %v\n", err)
				return errSomeFailed
			}
			if err != nil {
				return usageError{fmt.Errorf("merge-manifest: %w", err)}
			}
			if err := output.WriteManifest(args[0], m); err != nil {
				return fmt.Errorf("merge-manifest: %w", err)
			}
			fmt.Fprintf(stdout, "newsnlp: %d shards complete; wrote %s/manifest.json\n", m.Shards, args[0])
			fmt.Fprintf(stdout, "  records    %d read = %d documents + %d errors\n", m.Records.Read, m.Records.Documents, m.Records.Errors)
			fmt.Fprintf(stdout, "  words      %d\n", m.Words)
			for _, t := range output.Tables {
				fmt.Fprintf(stdout, "  %-10s %d rows in %d part files\n", t, m.Rows[t], len(m.Files[t]))
			}
			return nil
		},
	}
}
