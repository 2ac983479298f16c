"""Stories: grouping articles into the real-world stories they report, in batch
(:mod:`.group`) and one article at a time into a store (:mod:`.incremental`)."""
