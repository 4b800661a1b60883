;; expect: canon lift: more than 16 flat parameters, so the realloc option is required
(component
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (func (param "p" (tuple u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32)) (canon lift (core func $f)))
)
