from cqsc.cli.app import main

main()
