;; expect: canon lower: result has more than 1 flat value, so the memory option is required
(component
  (import "f" (func $f (result (tuple u32 u32))))
  (core func (canon lower (func $f)))
)
