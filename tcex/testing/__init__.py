"""tcex.testing"""
