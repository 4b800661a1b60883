;; expect: type's Canonical ABI element size 1073741824 is not below the limit of 2^28 bytes
(component
  (type $t0 u64)
  (type $t1 (tuple $t0 $t0 $t0 $t0 $t0 $t0 $t0 $t0))
  (type $t2 (tuple $t1 $t1 $t1 $t1 $t1 $t1 $t1 $t1))
  (type $t3 (tuple $t2 $t2 $t2 $t2 $t2 $t2 $t2 $t2))
  (type $t4 (tuple $t3 $t3 $t3 $t3 $t3 $t3 $t3 $t3))
  (type $t5 (tuple $t4 $t4 $t4 $t4 $t4 $t4 $t4 $t4))
  (type $t6 (tuple $t5 $t5 $t5 $t5 $t5 $t5 $t5 $t5))
  (type $t7 (tuple $t6 $t6 $t6 $t6 $t6 $t6 $t6 $t6))
  (type $t8 (tuple $t7 $t7 $t7 $t7 $t7 $t7 $t7 $t7))
  (type $t9 (tuple $t8 $t8 $t8 $t8 $t8 $t8 $t8 $t8))
)
