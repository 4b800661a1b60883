;; expect: canon lift: result contains strings or lists, so the memory option is required
(component
  (core module $m (func (export "f") (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (func (result string) (canon lift (core func $f)))
)
