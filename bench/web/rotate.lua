-- wrk script: GET PREFIX..query for eight Arabic queries in turn (PREFIX from the environment).
local qs = {"السودان", "لافروف", "محادثات", "الهدنة", "كرة القدم", "الانتخابات", "إيران", "غزة"}
local paths = {}
local function enc(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
local prefix = os.getenv("PREFIX") or "/api/search?q="
for i, q in ipairs(qs) do paths[i] = prefix .. enc(q) end
local n = 0
request = function() n = n + 1; return wrk.format("GET", paths[(n % #paths) + 1]) end
