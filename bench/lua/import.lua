-- Imports one real public key under a new name with every request: wrk ... -- <name prefix> <public key file>
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"

function init(args)
  prefix = args[1]
  local file = assert(io.open(args[2]))
  publicKey = file:read("*l")
  file:close()
  expected = 200
  wrong = 0
  n = 0
end

function request()
  return postKeypair(',"public_key":"' .. publicKey .. '"')
end
