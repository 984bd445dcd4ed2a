"""One module per `kepu` subcommand; each defines a Click command named `command`."""
