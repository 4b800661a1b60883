;; spec: Explainer.md "Canonical built-ins": context.get (🔀), beside a synchronous export
;; expect: context.get
(component
  (core func (canon context.get i32 0))
  (core module $m (func (export "f") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32) (canon lift (core func $i "f"))))
