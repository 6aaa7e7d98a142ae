package pooling_test

import (
	"math"
	"strings"
	"testing"

	"ketamine-explorer/pooling"
)

// FuzzPool: extreme values (a zero or negative SE, k=1, NaN, 1e300) give a clear "cannot
// pool" reason or a result whose every number is finite: never a NaN on screen.
func FuzzPool(f *testing.F) {
	f.Add(-3.8, 1.9, -3.9, 1.39, 0.0, 0.0, uint8(2))
	f.Add(1e300, 1e-300, -1e300, 1e300, 0.0, 1.0, uint8(3))
	f.Add(math.NaN(), 1.0, 2.0, 0.0, 3.0, -1.0, uint8(3))
	f.Add(1.0, 1.0, 0.0, 0.0, 0.0, 0.0, uint8(1))
	f.Fuzz(func(t *testing.T, y1, s1, y2, s2, y3, s3 float64, k uint8) {
		yi, vi := []float64{y1, y2, y3}, []float64{s1 * s1, s2 * s2, s3 * s3}
		if s1 < 0 {
			vi[0] = s1 // a negative variance, as a broken record could give
		}
		n := int(k%4) + 0
		if n > 3 {
			n = 3
		}
		r, err := pooling.Pool(yi[:n], vi[:n])
		if err != nil {
			if !strings.HasPrefix(err.Error(), "cannot pool: ") {
				t.Fatalf("unclear reason: %v", err)
			}
			return
		}
		for _, x := range append([]float64{r.Random.Mu, r.Random.Low, r.Random.High, r.PILow, r.PIHigh, r.Tau2, r.I2, r.Q, r.QP, r.Fixed.Mu}, r.Weights...) {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("pooled %v %v into a number that is not finite: %+v", yi[:n], vi[:n], r)
			}
		}
	})
}
