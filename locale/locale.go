// Package locale keeps Fyne quiet under a C or POSIX locale with a codeset (C.UTF-8, the
// default of containers and many servers). Fyne 2.7 reads the language from the locale
// variables and logs "Error parsing user locale C" for each of them, before main runs. It
// is imported by main with nothing but the standard library, so it is initialised before
// Fyne (packages are initialised in import-path order once their imports are).
package locale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	// the variable that decides the language, as gettext reads them
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			// the untranslated language: Fyne reads LANGUAGE for a locale other than
			// plain C; C libraries ignore it under a C locale
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
