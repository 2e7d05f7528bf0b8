"""The text layer every layout shares: reading (bytes → normalised text), masking (personal data out first), cells
(rows, cells and numbers as printed), records (the seeds' row types), writing (seed CSVs out, all or nothing) and
cache (parsed documents kept by content). Their speed tricks stay inside these modules, each beside a comment saying
why it gives the same result; the layouts call them plainly and hold the disclosure rules."""
