;; spec: Explainer.md "Canonical built-ins": future.new (🔀), here in a nested component nothing instantiates or exports
;; expect: unsupported feature
(component
  (component $unused
    (type $f (future u32))
    (core func (canon future.new $f))))
