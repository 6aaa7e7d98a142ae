package domain

import "strings"

// Molecule is what an arm gives: one of Molecules.
type Molecule string

// Molecules an arm can give.
const (
	Racemic           Molecule = "racemic ketamine"
	Esketamine        Molecule = "esketamine"
	Arketamine        Molecule = "arketamine"
	KetamineNotStated Molecule = "ketamine (enantiomer not stated)"
	ComparatorDrug    Molecule = "comparator"
)

// Role is an arm's part in a study: one of Roles.
type Role string

// Roles an arm can have.
const (
	Intervention Role = "intervention"
	Comparator   Role = "comparator"
)

// Route is how an arm's drug is given, as the source words it ("" when not stated).
type Route string

// Routes the app draws apart (IV ketamine, intranasal esketamine), and the filter's word
// for a route not stated.
const (
	Intravenous Route = "intravenous"
	Intranasal  Route = "intranasal"
	NotStated   Route = "not stated"
)

// Kind is what an outcome's number is: one of Kinds.
type Kind string

// Kinds of reported number.
const (
	PercentChange    Kind = "percent change"
	Proportion       Kind = "proportion"
	Mean             Kind = "mean"
	MeanDifference   Kind = "mean difference"
	LSMeanDifference Kind = "LS mean difference"
	RiskDifference   Kind = "risk difference"
	SMD              Kind = "SMD"
	CohensD          Kind = "Cohen's d"
	OddsRatio        Kind = "odds ratio"
	HazardRatio      Kind = "hazard ratio"
	RiskRatio        Kind = "risk ratio"
	RateRatio        Kind = "rate ratio"
	MedianDifference Kind = "median difference"
	Median           Kind = "median" // an arm's median, its range the interquartile range
	NNT              Kind = "NNT"
	NNH              Kind = "NNH"
	Count            Kind = "count"
)

// Records that are not studies: a regulator's prescribing text, a society's guideline,
// and a manufacturer's own data. None is ever pooled.
const (
	DesignLabel       = "label"
	DesignGuideline   = "guideline"
	DesignCompanyData = "company data"
)

// Topics of findings with a card of their own: how a drug is given and monitored, and
// safety over the long term (the safety card says where there is none).
const (
	TopicPractice = "practice"
	TopicLongTerm = "long-term"
)

// NumberNeeded says whether a kind is a number needed to treat or harm: a count of
// patients, smaller better, never an arm minus another nor on a signed axis.
func (k Kind) NumberNeeded() bool { return k == NNT || k == NNH }

// Better says which way of a measure is good.
type Better string

// Which way of a measure is good ("": the measure has no good side, such as a session
// count).
const (
	LowerBetter  Better = "lower"
	HigherBetter Better = "higher"
)

// Phrase is the measure's good side in words: "lower is better".
func (b Better) Phrase() string {
	if b == "" {
		return ""
	}
	return string(b) + " is better"
}

// Direction says whether a source states which arm a contrast is taken from.
type Direction string

// Whether a contrast's direction is stated ("": not recorded, as in studies imported
// before it was asked for, which is treated as not stated).
const (
	DirectionStated    Direction = "stated"
	DirectionNotStated Direction = "not stated"
)

// CardKey names a summary card.
type CardKey string

// The summary cards, in the order Cards gives them.
const (
	CardHeadline      CardKey = "headline"
	CardNumbers       CardKey = "numbers"
	CardPooled        CardKey = "pooled"
	CardDesigns       CardKey = "designs"
	CardInterventions CardKey = "interventions"
	CardPractice      CardKey = "practice"
	CardOnset         CardKey = "onset"
	CardDuration      CardKey = "duration"
	CardSafety        CardKey = "safety"
	CardCertainty     CardKey = "certainty"
	CardUnknown       CardKey = "unknown"
	CardDiscrepancies CardKey = "discrepancies"
)

// Allowed values, checked when a study is built or imported so typos cannot reach the app.
var (
	Designs = []string{"randomized trial", "randomized withdrawal trial", "single-arm trial", "retrospective cohort",
		"observational cohort", "meta-analysis", "individual participant meta-analysis",
		"systematic review", "narrative review", DesignLabel, DesignGuideline, DesignCompanyData}
	// "secondary": the numbers are a review table's restatement, not the study's own report
	Extractions = []string{"abstract", "full text", "secondary page", "secondary"}
	Molecules   = []Molecule{Racemic, Esketamine, Arketamine, KetamineNotStated, ComparatorDrug}
	Roles       = []Role{Intervention, Comparator}
	Kinds       = []Kind{PercentChange, Proportion, Mean, MeanDifference, LSMeanDifference, RiskDifference,
		SMD, CohensD, OddsRatio, HazardRatio, RiskRatio, RateRatio, MedianDifference, Median, NNT, NNH, Count}
	Topics      = []string{"onset", "duration", "safety", "efficacy", "limitation", TopicPractice, TopicLongTerm}
	Betters     = []Better{LowerBetter, HigherBetter}
	Directions  = []Direction{DirectionStated, DirectionNotStated}
	ChangeKinds = []ChangeKind{Added, Corrected}
)

// Join lists allowed values for a message: "a, b, c".
func Join[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
