-- Resolution looks up the do-not-merge pairs of a component from either side, and the ledger rows of a workspace.
create index do_not_merge_b_idx on do_not_merge (identity_b);
create index profile_merge_workspace_idx on profile_merge (workspace_id, id);
