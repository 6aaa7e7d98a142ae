// Package pooling computes pooled estimates the way R's metafor does by default:
// inverse-variance fixed effect, and random effects with the restricted maximum likelihood
// (REML) estimate of tau², each with its 95% confidence interval, the random-effects 95%
// prediction interval, I² and Cochran's Q with its p value. It works on numbers only (the
// estimates and their variances on the scale they pool on); which estimates may pool is
// decided in rules.go.
package pooling

import (
	"errors"
	"math"
)

// z95 is the standard normal quantile for a two-sided 95% interval, as metafor uses.
const z95 = 1.959963984540054

// Estimate is one pooled result on the pooling scale (log for ratios).
type Estimate struct {
	Mu, SE, Low, High float64
}

// Result is a meta-analysis of k estimates.
type Result struct {
	K      int
	Fixed  Estimate
	Random Estimate
	// PILow and PIHigh are the random-effects 95% prediction interval: where the effect of
	// a new study like these would lie.
	PILow, PIHigh float64
	Tau2          float64
	I2            float64 // percent
	Q             float64
	QDF           int
	QP            float64
	// Weights are each study's share of the random-effects estimate, percent.
	Weights []float64
}

// Pool meta-analyses estimates yi with sampling variances vi.
func Pool(yi, vi []float64) (Result, error) { return PoolFrom(yi, vi, -1) }

// PoolFrom is Pool with the REML search for tau² started at start (< 0: where metafor
// starts, the Hedges estimate): a leave-one-out pool starts at its whole pool's tau², a
// step or two from its own, and reaches the same maximum.
func PoolFrom(yi, vi []float64, start float64) (Result, error) {
	k := len(yi)
	if k < 2 || len(vi) != k {
		return Result{}, errors.New("cannot pool: pooling needs at least two estimates, each with its variance")
	}
	for i := range vi {
		if !(vi[i] > 0) || math.IsInf(vi[i], 0) || math.IsNaN(yi[i]) || math.IsInf(yi[i], 0) {
			return Result{}, errors.New("cannot pool: every estimate needs a finite value and a standard error above zero")
		}
	}
	r := Result{K: k, QDF: k - 1}
	fixed, sw, sw2 := weighted(yi, vi, 0)
	r.Fixed = fixed
	for i := range yi {
		r.Q += (yi[i] - fixed.Mu) * (yi[i] - fixed.Mu) / vi[i]
	}
	r.QP = chiSquareUpper(r.Q, float64(r.QDF))
	r.Tau2 = remlFrom(yi, vi, start)
	// I² as metafor reports it: tau² over tau² plus the typical within-study variance
	typical := float64(k-1) * sw / (sw*sw - sw2)
	r.I2 = 100 * r.Tau2 / (r.Tau2 + typical)
	r.Random, _, _ = weighted(yi, vi, r.Tau2)
	pi := z95 * math.Sqrt(r.Random.SE*r.Random.SE+r.Tau2)
	r.PILow, r.PIHigh = r.Random.Mu-pi, r.Random.Mu+pi
	var total float64
	for i := range vi {
		total += 1 / (vi[i] + r.Tau2)
	}
	for i := range vi {
		r.Weights = append(r.Weights, 100/(vi[i]+r.Tau2)/total)
	}
	for _, x := range append([]float64{r.Fixed.Mu, r.Fixed.Low, r.Fixed.High, r.Random.Mu, r.Random.Low, r.Random.High,
		r.PILow, r.PIHigh, r.Tau2, r.I2, r.Q, r.QP}, r.Weights...) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Result{}, errors.New("cannot pool: the estimates are too extreme to combine (a standard error near zero or a value near the limits of the computer's numbers)")
		}
	}
	return r, nil
}

// weighted is the inverse-variance estimate with between-study variance tau2, and the sum
// of the weights and of their squares (for tau2 = 0).
func weighted(yi, vi []float64, tau2 float64) (Estimate, float64, float64) {
	var sw, swy, sw2 float64
	for i := range yi {
		w := 1 / (vi[i] + tau2)
		sw += w
		swy += w * yi[i]
		sw2 += w * w
	}
	mu, se := swy/sw, math.Sqrt(1/sw)
	return Estimate{Mu: mu, SE: se, Low: mu - z95*se, High: mu + z95*se}, sw, sw2
}

// remlFrom is the REML estimate of tau² by Fisher scoring with step halving, started at
// start, or (start < 0) as metafor's rma.uni starts, at the Hedges estimate, and run until
// a step moves it by less than 1e-12 of its scale (the larger of tau² and the mean
// sampling variance; metafor stops at 1e-5 by default, and the tests ask it for the same
// precision as here).
func remlFrom(yi, vi []float64, start float64) float64 {
	k := float64(len(yi))
	// Hedges (HE) start: the observed variance less the mean sampling variance
	var mean, meanV float64
	for i := range yi {
		mean += yi[i] / k
		meanV += vi[i] / k
	}
	var ss float64
	for i := range yi {
		ss += (yi[i] - mean) * (yi[i] - mean)
	}
	tau2 := math.Max(0, ss/(k-1)-meanV)
	if start >= 0 {
		tau2 = start
	}
	w := make([]float64, len(yi))
	for iter := 0; iter < 1000; iter++ {
		// P = W - W 1 1' W / sum(W) for the intercept-only model
		var sw float64
		for i := range yi {
			w[i] = 1 / (vi[i] + tau2)
			sw += w[i]
		}
		var swy float64
		for i := range yi {
			swy += w[i] * yi[i]
		}
		mu := swy / sw
		// P y = w (y - mu); y' P P y = sum w² (y - mu)²
		var yPPy, trP, trPP float64
		for i := range yi {
			yPPy += w[i] * w[i] * (yi[i] - mu) * (yi[i] - mu)
			trP += w[i] - w[i]*w[i]/sw
		}
		// tr(PP) is the sum of P_ij² over i and j: the diagonal's (w_i - w_i²/sw)² plus twice
		// the off-diagonal's w_i² w_j² / sw² over i < j, summed as running sums of positive
		// terms in one pass (linear in k: a double loop made 4,000 studies take minutes, and
		// the closed form cancels catastrophically when the weights differ by orders of
		// magnitude)
		var before, off float64 // the sum of w_i² over i < j, and of w_j² times it
		for i := range w {
			d := w[i] - w[i]*w[i]/sw
			trPP += d * d
			off += w[i] * w[i] * before
			before += w[i] * w[i]
		}
		trPP += 2 * off / (sw * sw)
		adj := (yPPy - trP) / trPP // Fisher scoring's step
		// near the maximum, Newton's step (the observed information, y'PPPy - tr(PP)/2,
		// for the expected) converges quadratically where scoring crawls linearly: a
		// leave-one-out pool of thousands of studies took some thirty steps
		var swr, swr2 float64 // sums of w r and w r², r = P y = w (y - mu)
		for i := range yi {
			r := w[i] * (yi[i] - mu)
			swr += w[i] * r
			swr2 += w[i] * r * r
		}
		yPPPy := swr2 - swr*swr/sw
		if obs := 2*yPPPy - trPP; obs > 0 && iter > 0 && math.Abs(adj) < 0.1*math.Max(tau2, meanV) {
			if newton := (yPPy - trP) / obs; !math.IsNaN(newton) && !math.IsInf(newton, 0) {
				adj = newton
			}
		}
		if math.IsNaN(adj) || math.IsInf(adj, 0) {
			return math.NaN() // Pool says the numbers are too extreme to combine
		}
		if tau2+adj < 0 {
			if tau2 == 0 {
				break // the maximum is at the boundary: tau² is 0
			}
			// to the boundary in one step, not halving towards it a step at a time (the
			// common case of no heterogeneity took dozens of iterations); from there the
			// next step comes back up if the maximum is above it
			adj = -tau2
		}
		tau2 += adj
		if math.Abs(adj) < 1e-12*math.Max(tau2, meanV) {
			break
		}
	}
	return tau2
}

// chiSquareUpper is P(X > x) for X chi-square with df degrees of freedom.
func chiSquareUpper(x, df float64) float64 {
	if x <= 0 {
		return 1
	}
	return upperGamma(df/2, x/2)
}

// upperGamma is the regularized upper incomplete gamma function Q(a, x).
func upperGamma(a, x float64) float64 {
	lg, _ := math.Lgamma(a)
	if x < a+1 {
		// series for the lower function P, then Q = 1 - P
		sum, term := 1/a, 1/a
		for n := 1; n < 500; n++ {
			term *= x / (a + float64(n))
			sum += term
			if math.Abs(term) < math.Abs(sum)*1e-15 {
				break
			}
		}
		return 1 - sum*math.Exp(-x+a*math.Log(x)-lg)
	}
	// continued fraction for Q (Lentz)
	const tiny = 1e-300
	b := x + 1 - a
	c, d := 1/tiny, 1/b
	h := d
	for i := 1; i < 500; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-15 {
			break
		}
	}
	return math.Exp(-x+a*math.Log(x)-lg) * h
}
