package pooling_test

import (
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/pooling"
	"ketamine-explorer/synthesis"
)

// metafor fits each data set with rma(yi, vi, method = "REML") in R and returns, per set,
// the numbers the app shows: mu, se, ci.lb, ci.ub, pi.lb, pi.ub, tau2, I2, QE, QEp, and the
// fixed-effect mu, se.
func metafor(t *testing.T, sets [][2][]float64) [][]float64 {
	t.Helper()
	if _, err := exec.LookPath("Rscript"); err != nil {
		t.Fatal("Rscript is not installed: the pooled estimates are checked against R's metafor (make test installs r-cran-metafor)")
	}
	vec := func(xs []float64) string {
		s := make([]string, len(xs))
		for i, x := range xs {
			s[i] = strconv.FormatFloat(x, 'g', 17, 64)
		}
		return "c(" + strings.Join(s, ",") + ")"
	}
	var script strings.Builder
	script.WriteString("suppressMessages(library(metafor))\n")
	for _, d := range sets {
		fmt.Fprintf(&script, "r <- rma(yi=%s, vi=%s, method='REML'); p <- predict(r); f <- rma(yi=%s, vi=%s, method='FE')\n", vec(d[0]), vec(d[1]), vec(d[0]), vec(d[1]))
		script.WriteString("cat(sprintf('%.10g', c(r$beta, r$se, r$ci.lb, r$ci.ub, p$pi.lb, p$pi.ub, r$tau2, r$I2, r$QE, r$QEp, f$beta, f$se)), '\\n')\n")
	}
	out, err := exec.Command("Rscript", "-e", script.String()).CombinedOutput()
	if err != nil {
		t.Fatalf("Rscript: %v\n%s", err, out)
	}
	var rows [][]float64
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var row []float64
		for _, f := range strings.Fields(line) {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("metafor printed %q", line)
			}
			row = append(row, x)
		}
		rows = append(rows, row)
	}
	if len(rows) != len(sets) {
		t.Fatalf("metafor gave %d results for %d data sets:\n%s", len(rows), len(sets), out)
	}
	return rows
}

// The engine's fixed-effect and REML random-effects results agree with metafor's to 1e-4
// on homogeneous and heterogeneous sets, differences and log ratios, k from 2 to 8, and on
// every pool of the bundled evidence.
func TestPoolingAgreesWithMetafor(t *testing.T) {
	sets := [][2][]float64{
		{{-3.8, -3.9}, {math.Pow((-1.09-(-6.56))/(2*1.959963984540054), 2), 1.39 * 1.39}}, // ASPIRE I and II
		{{-3.2, -4.0, -3.6}, {3.5, 2.8561, 3.4}},
		{{0.1, 0.5, -0.2, 0.9, 0.3}, {0.04, 0.09, 0.05, 0.2, 0.03}},
		{{math.Log(0.49), math.Log(0.30), math.Log(0.93), math.Log(1.7)}, {0.08, 0.1, 0.09, 0.05}},
		{{2.1, -1.3, 0.4, 5.2, 3.3, -0.7, 1.1, 2.9}, {0.5, 0.9, 0.3, 1.2, 0.8, 0.6, 0.4, 1.0}},
		{{0.2, 0.25}, {0.01, 0.02}},
	}
	// and every pool the app computes from the bundled evidence
	svc, err := evidence.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	for _, key := range []string{"trd", "pain", "si", "neuro"} {
		ev, err := svc.Evidence(key, domain.Filter{}, -1)
		if err != nil {
			t.Fatal(err)
		}
		pools, _ := synthesis.Find(ev)
		for _, p := range pools {
			var yi, vi []float64
			for _, in := range p.Inputs {
				yi, vi = append(yi, in.Y), append(vi, in.V)
			}
			sets = append(sets, [2][]float64{yi, vi})
		}
	}
	want := metafor(t, sets)
	for i, d := range sets {
		r, err := pooling.Pool(d[0], d[1])
		if err != nil {
			t.Fatal(err)
		}
		got := []float64{r.Random.Mu, r.Random.SE, r.Random.Low, r.Random.High, r.PILow, r.PIHigh, r.Tau2, r.I2, r.Q, r.QP, r.Fixed.Mu, r.Fixed.SE}
		names := []string{"mu", "se", "ci.lb", "ci.ub", "pi.lb", "pi.ub", "tau2", "I2", "Q", "Q p", "FE mu", "FE se"}
		for j := range got {
			if math.Abs(got[j]-want[i][j]) > 1e-4*math.Max(1, math.Abs(want[i][j])) {
				t.Errorf("set %d %s: app %.8g, metafor %.8g", i+1, names[j], got[j], want[i][j])
			}
		}
	}
}

func TestPoolingRefusesWhatItCannotPool(t *testing.T) {
	for _, d := range [][2][]float64{{{1}, {0.1}}, {{1, 2}, {0.1, 0}}, {{1, math.NaN()}, {0.1, 0.1}}, {{1, 2}, {0.1}}} {
		if _, err := pooling.Pool(d[0], d[1]); err == nil {
			t.Errorf("pooled %v", d)
		}
	}
}
