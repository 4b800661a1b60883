;; spec: Explainer.md "Canonical built-ins": stream.cancel-read (🔀, asynchronous; witbox runs synchronous components only)
;; expect: unsupported feature
(component
  (type $s (stream u32))
  (core func (canon stream.cancel-read $s)))
