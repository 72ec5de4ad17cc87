from cqsc.cli import main

main()
