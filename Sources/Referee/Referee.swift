internal import CMPFR
