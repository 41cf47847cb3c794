// pngcheck checks that a screenshot is a real rendering, not a blank page:
// it decodes the PNG and requires many colours and a share of non-white
// pixels. Usage: go run ./.ci/pngcheck FILE.png
package main

import (
	"fmt"
	"image/png"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pngcheck FILE.png")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "pngcheck:", err)
		os.Exit(1)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pngcheck: not a PNG:", err)
		os.Exit(1)
	}
	b := img.Bounds()
	colours := map[[3]uint32]bool{}
	inked, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r>>8 < 200 || g>>8 < 200 || bl>>8 < 200 {
				inked++
			}
			total++
		}
	}
	share := float64(inked) / float64(total)
	fmt.Printf("pngcheck: %s: %dx%d, %d colours, %.1f%% of pixels drawn\n", os.Args[1], b.Dx(), b.Dy(), len(colours), 100*share)
	if len(colours) < 16 || share < 0.01 {
		fmt.Fprintln(os.Stderr, "pngcheck: the screenshot is blank")
		os.Exit(1)
	}
}
