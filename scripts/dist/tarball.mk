# Installs the app from the unpacked Linux tar.xz: `sudo make install` for everyone (into
# /usr/local, or PREFIX), `make user-install` for one account (into ~/.local); the
# uninstall targets remove what they installed.
PREFIX ?= /usr/local
AppID := io.github.ketamineexplorer
Exec := ketamine-explorer

default:
	@echo 'Run "sudo make install" (everyone) or "make user-install" (your account only).'

install:
	install -Dm00755 usr/local/bin/$(Exec) $(DESTDIR)$(PREFIX)/bin/$(Exec)
	install -Dm00644 usr/local/share/applications/$(AppID).desktop $(DESTDIR)$(PREFIX)/share/applications/$(AppID).desktop
	install -Dm00644 usr/local/share/icons/hicolor/512x512/apps/$(AppID).png $(DESTDIR)$(PREFIX)/share/icons/hicolor/512x512/apps/$(AppID).png
	install -Dm00644 usr/local/share/metainfo/$(AppID).metainfo.xml $(DESTDIR)$(PREFIX)/share/metainfo/$(AppID).metainfo.xml

uninstall:
	-rm $(DESTDIR)$(PREFIX)/bin/$(Exec) $(DESTDIR)$(PREFIX)/share/applications/$(AppID).desktop \
	  $(DESTDIR)$(PREFIX)/share/icons/hicolor/512x512/apps/$(AppID).png $(DESTDIR)$(PREFIX)/share/metainfo/$(AppID).metainfo.xml

user-install:
	install -Dm00755 usr/local/bin/$(Exec) $(HOME)/.local/bin/$(Exec)
	install -Dm00644 usr/local/share/applications/$(AppID).desktop $(HOME)/.local/share/applications/$(AppID).desktop
	install -Dm00644 usr/local/share/icons/hicolor/512x512/apps/$(AppID).png $(HOME)/.local/share/icons/hicolor/512x512/apps/$(AppID).png
	sed -i -e "s,^Exec=$(Exec),Exec=$(HOME)/.local/bin/$(Exec)," $(HOME)/.local/share/applications/$(AppID).desktop

user-uninstall:
	-rm $(HOME)/.local/bin/$(Exec) $(HOME)/.local/share/applications/$(AppID).desktop \
	  $(HOME)/.local/share/icons/hicolor/512x512/apps/$(AppID).png
