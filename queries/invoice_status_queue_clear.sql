-- Empty the queue once it has been processed.
DELETE FROM settlement_queue;
