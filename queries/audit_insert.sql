-- Appends one audit entry (its hash already computed over the previous hash and this content).
INSERT INTO audit_log (seq, at_utc, actor, role, via, action, target, params, outcome, detail, prev_hash, hash)
VALUES ($seq, $at::TIMESTAMP, $actor, $role, $via, $action, $target, $params, $outcome, $detail, $prev_hash, $hash);
