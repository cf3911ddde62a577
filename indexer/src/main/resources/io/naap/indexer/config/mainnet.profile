# The Livepeer protocol on Arbitrum One (chain 42161): the proxies and the blocks they start at,
# from docs/PROTOCOL.md. One contract a line: Name=0xADDRESS@BLOCK, or Name=0xADDRESS
# for a contract whose first block is unknown (found by a binary search over eth_getCode).
chain-id=42161
finality-depth=240
BondingManager=0x35Bcf3c30594191d53231E4FF333E8A770453e40@5856381
TicketBroker=0xa8bB618B1520E284046F3dFc448851A1Ff26e41B@5856357
RoundsManager=0xdd6f56DcC28D3F5f27084381fE8Df634985cc39f@5856394
Minter=0xc20DE37170B45774e6CD3d2304017fc962f27252@6253359
ServiceRegistry=0xC92d3A360b8f9e083bA64DE15d95Cf8180897431@5860363
AIServiceRegistry=0x04C0b249740175999E5BF5c9ac1dA92431EF34C5
Controller=0xD8E8328501E9645d16Cf49539efC04f734606ee4
