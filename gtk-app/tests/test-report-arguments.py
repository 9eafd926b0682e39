raise SystemExit('not written')
