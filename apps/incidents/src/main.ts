// Host wiring comes with the incidents issue.
