package charts

// Drawable lets the external tests see what a raster chart draws.
var Drawable = drawable
