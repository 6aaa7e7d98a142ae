package pooling_test

import (
	"testing"

	"ketamine-explorer/pooling"
)

// Weights that differ by eleven orders of magnitude still pool (metafor gives -302.99,
// tau² 0): the REML step is summed term by term, not by a closed form that cancels.
func TestWeightsOrdersOfMagnitudeApartStillPool(t *testing.T) {
	r, err := pooling.Pool([]float64{-303, -3.9}, []float64{0.19 * 0.19, 2921.7 * 2921.7})
	if err != nil {
		t.Fatal(err)
	}
	if r.Random.Mu > -302.9 || r.Random.Mu < -303.1 {
		t.Errorf("pooled %v", r.Random.Mu)
	}
}
