package pooling_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
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
	// REML run to the engine's precision (metafor's default stops at 1e-5); a set metafor
	// cannot fit prints NA and is left out of the comparison
	for _, d := range sets {
		fmt.Fprintf(&script, "tryCatch({r <- rma(yi=%s, sei=sqrt(%s), method='REML', control=list(threshold=1e-14*mean(%s), maxiter=10000, stepadj=0.5)); p <- predict(r); f <- rma(yi=%s, sei=sqrt(%s), method='FE')\n", vec(d[0]), vec(d[1]), vec(d[1]), vec(d[0]), vec(d[1]))
		script.WriteString("cat('RESULT', sprintf('%.15g', c(r$beta, r$se, r$ci.lb, r$ci.ub, p$pi.lb, p$pi.ub, r$tau2, r$I2, r$QE, r$QEp, f$beta, f$se)), '\\n')}, error=function(e) cat('RESULT NA\\n'))\n")
	}
	file := filepath.Join(t.TempDir(), "check.R")
	if err := os.WriteFile(file, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// R with a clean environment in the C locale (a LANG naming a locale the machine lacks
	// makes R print start-up warnings), no profile, and the package libraries it was given
	// (metafor may be in the user's). Only the lines tagged RESULT are read, so any other
	// message R prints cannot be taken for a result.
	cmd := exec.Command("Rscript", "--vanilla", file)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "LANG=C", "LC_ALL=C"}
	for _, v := range []string{"R_LIBS", "R_LIBS_USER", "R_LIBS_SITE"} {
		if x, ok := os.LookupEnv(v); ok {
			cmd.Env = append(cmd.Env, v+"="+x)
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("Rscript: %v\n%s", err, out)
	}
	var rows [][]float64
	for _, line := range strings.Split(string(out), "\n") {
		line, ok := strings.CutPrefix(strings.TrimSpace(line), "RESULT")
		if !ok {
			continue
		}
		var row []float64
		if strings.TrimSpace(line) == "NA" {
			rows = append(rows, nil)
			continue
		}
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

// The engine's fixed-effect and REML random-effects results agree with metafor's to 1e-6:
// hand-picked sets, every pool of the bundled evidence, and 250 random sets (k from 2 to
// 40, with and without heterogeneity, standard errors from 0.001 to 1000).
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
	sets = append(sets, randomSets(250)...)
	// a thousand studies, as imports can make: linear per step, still metafor's answer (4,000
	// takes metafor minutes: BenchmarkPool4000 in synthesis times the app at that size)
	for _, k := range []int{300, 1000} {
		big := randomSets(1)[0]
		rng := rand.New(rand.NewPCG(uint64(k), 7))
		big[0], big[1] = nil, nil
		for range k {
			se := 0.5 + rng.Float64()
			big[0], big[1] = append(big[0], -1+0.8*rng.NormFloat64()+se*rng.NormFloat64()), append(big[1], se*se)
		}
		sets = append(sets, big)
	}
	want := metafor(t, sets)
	compared := 0
	for i, d := range sets {
		if want[i] == nil {
			continue // metafor could not fit it either
		}
		compared++
		r, err := pooling.Pool(d[0], d[1])
		if err != nil {
			t.Fatalf("set %d: %v", i+1, err)
		}
		// started elsewhere (as a leave-one-out pool starts at its whole pool's tau²), the
		// search reaches the same maximum
		if from, err := pooling.PoolFrom(d[0], d[1], 2*r.Tau2+0.01); err != nil || math.Abs(from.Tau2-r.Tau2) > 1e-8*math.Max(1, r.Tau2) {
			t.Errorf("set %d started elsewhere: tau2 %.12g, from the Hedges start %.12g (%v)", i+1, from.Tau2, r.Tau2, err)
		}
		got := []float64{r.Random.Mu, r.Random.SE, r.Random.Low, r.Random.High, r.PILow, r.PIHigh, r.Tau2, r.I2, r.Q, r.QP, r.Fixed.Mu, r.Fixed.SE}
		names := []string{"mu", "se", "ci.lb", "ci.ub", "pi.lb", "pi.ub", "tau2", "I2", "Q", "Q p", "FE mu", "FE se"}
		for j := range got {
			if math.Abs(got[j]-want[i][j]) > 1e-6*math.Max(1, math.Abs(want[i][j])) {
				t.Errorf("set %d (k=%d) %s: app %.12g, metafor %.12g", i+1, len(d[0]), names[j], got[j], want[i][j])
			}
		}
	}
	if compared < 200 {
		t.Errorf("only %d sets compared with metafor, want at least 200", compared)
	}
}

// randomSets are n meta-analyses of 2 to 40 studies: with and without heterogeneity,
// standard errors from tiny to huge, differences and log ratios.
func randomSets(n int) [][2][]float64 {
	rng := rand.New(rand.NewPCG(2026, 11))
	var out [][2][]float64
	for i := 0; i < n; i++ {
		k := 2 + rng.IntN(39)
		scale := math.Pow(10, -3+6*rng.Float64()) // the SEs' order of magnitude: 0.001 to 1000
		tau := 0.0
		if i%2 == 1 {
			tau = scale * 2 * rng.Float64()
		}
		mu := scale * (rng.Float64()*4 - 2)
		var yi, vi []float64
		for j := 0; j < k; j++ {
			se := scale * math.Exp(rng.NormFloat64()) // spread within the set too
			yi = append(yi, mu+tau*rng.NormFloat64()+se*rng.NormFloat64())
			vi = append(vi, se*se)
		}
		out = append(out, [2][]float64{yi, vi})
	}
	return out
}

func TestPoolingRefusesWhatItCannotPool(t *testing.T) {
	for _, d := range [][2][]float64{{{1}, {0.1}}, {{1, 2}, {0.1, 0}}, {{1, math.NaN()}, {0.1, 0.1}}, {{1, 2}, {0.1}}} {
		if _, err := pooling.Pool(d[0], d[1]); err == nil {
			t.Errorf("pooled %v", d)
		}
	}
}
