from sendocki_helper.cli import main

raise SystemExit(main())
